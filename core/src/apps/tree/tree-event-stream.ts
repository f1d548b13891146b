// The events of one applicationResourceTree subscription: the whole tree
// first, then each delta the controller publishes; when a delta does not
// follow the revision the client has (it subscribed mid-change, fell behind,
// or the delta was too large to publish), the whole tree again. Before every
// event the caller's right to see the app is asked again; when it is gone
// the stream ends. Orphaned nodes change in their own lists
// (orphanedAdded/Updated/Removed), so a client that knows only `nodes` reads
// its deltas as before.
import { type TreeDeltaMessage, type TreeRecord } from '../../controller/tree/tree-node';
import { type ResourceTreeEventModel } from './resource-tree.model';
import { nodeModel, patchModel } from './tree-view';
import { type DeltaSubscription } from './tree-deltas.service';

export interface TreeEventSources {
  subscription: DeltaSubscription;
  readTree(): Promise<TreeRecord | undefined>;
  /** Whether the caller may still get the app (current policy, current project). */
  allowed(): Promise<boolean>;
}

export function resourceTreeEvents(sources: TreeEventSources): AsyncIterableIterator<ResourceTreeEventModel> {
  const events = generate(sources);
  // return() must end a stream that waits for the next delta now, not when one arrives.
  return {
    next: () => events.next(),
    return: (value?: unknown) => {
      sources.subscription.close();
      return events.return(value as undefined);
    },
    throw: (error?: unknown) => {
      sources.subscription.close();
      return events.throw(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

async function* generate(sources: TreeEventSources): AsyncGenerator<ResourceTreeEventModel, undefined> {
  const { subscription } = sources;
  try {
    await subscription.ready;
    const first = (await sources.readTree()) ?? { revision: 0, nodes: [] };
    if (!(await sources.allowed())) return undefined;
    yield wholeTree(first);
    let revision = first.revision;
    for (;;) {
      const message = await subscription.next();
      if (!message) return undefined;
      if (message.revision <= revision) continue;
      if (!(await sources.allowed())) return undefined;
      if (message.reset || message.from !== revision) {
        const tree = await sources.readTree();
        if (!tree || tree.revision <= revision) continue;
        yield wholeTree(tree);
        revision = tree.revision;
        continue;
      }
      yield delta(message);
      revision = message.revision;
    }
  } finally {
    subscription.close();
  }
}

function wholeTree(tree: TreeRecord): ResourceTreeEventModel {
  return {
    revision: tree.revision,
    from: null,
    tree: {
      revision: tree.revision,
      nodes: tree.nodes.map(nodeModel),
      orphanedNodes: (tree.orphanedNodes ?? []).map(nodeModel),
    },
    added: [],
    updated: [],
    removed: [],
    orphanedAdded: [],
    orphanedUpdated: [],
    orphanedRemoved: [],
  };
}

function delta(message: TreeDeltaMessage): ResourceTreeEventModel {
  const orphaned = message.orphaned ?? {};
  return {
    revision: message.revision,
    from: message.from,
    tree: null,
    added: (message.added ?? []).map(nodeModel),
    updated: (message.updated ?? []).map(patchModel),
    removed: [...(message.removed ?? [])],
    orphanedAdded: (orphaned.added ?? []).map(nodeModel),
    orphanedUpdated: (orphaned.updated ?? []).map(patchModel),
    orphanedRemoved: [...(orphaned.removed ?? [])],
  };
}

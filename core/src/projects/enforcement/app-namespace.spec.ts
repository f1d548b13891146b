// Runs testdata/app-namespaces: sourceNamespaces of a project (cases with `permitted`) or the
// controller's application.namespaces (files with `applicationNamespaces`, cases with `managed`).
import { appNamespaceFilter, isAppNamespacePermitted } from './app-namespace';
import { compileProject } from './compile-project';
import { CONTROL_PLANE_NAMESPACE, buildProject, loadCaseFiles } from './testdata/load';

interface Case {
  namespace: string;
  permitted?: boolean;
  managed?: boolean;
}

describe.each(loadCaseFiles<Case>('app-namespaces'))('app namespaces $file', ({ data }) => {
  it(data.description, () => {
    const applicationNamespaces = (data as { applicationNamespaces?: string[] }).applicationNamespaces;
    const project = compileProject(buildProject(data.project)!);
    const managed = applicationNamespaces && appNamespaceFilter(CONTROL_PLANE_NAMESPACE, applicationNamespaces);
    const answers = data.cases.map(({ namespace }) =>
      managed
        ? { namespace, managed: managed(namespace) }
        : { namespace, permitted: isAppNamespacePermitted(project, namespace, CONTROL_PLANE_NAMESPACE) },
    );
    expect(answers).toEqual(data.cases);
  });
});

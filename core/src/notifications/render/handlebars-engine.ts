// Handlebars templates (`template.<name>.engine: handlebars`), hardened per BI-TPL-1/2: an
// isolated environment per configuration (Handlebars.create()), no partials, no helpers beyond the
// built-ins, prototype properties and methods never reachable (handlebars ≥ 4.7.9 refuses them by
// default; the options say so explicitly), no `compat` lookups up the context stack, HTML escaping
// on, and only plain JSON data.
import Handlebars from 'handlebars';

export type HandlebarsRender = (data: Record<string, unknown>) => string;

export interface HandlebarsEnvironment {
  compile(text: string): HandlebarsRender;
}

export function createHandlebarsEnvironment(): HandlebarsEnvironment {
  const environment = Handlebars.create();
  // `log` writes to the process console; nothing a template should reach.
  environment.unregisterHelper('log');
  return {
    compile(text: string): HandlebarsRender {
      const template = environment.compile(text, {
        compat: false,
        strict: false,
        knownHelpersOnly: true,
        preventIndent: true,
      });
      return (data) =>
        template(JSON.parse(JSON.stringify(data)) as Record<string, unknown>, {
          allowProtoPropertiesByDefault: false,
          allowProtoMethodsByDefault: false,
          allowCallsToHelperMissing: false,
          partials: {},
          helpers: {},
        });
    },
  };
}

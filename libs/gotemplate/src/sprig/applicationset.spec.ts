import { renderTemplateText } from '../render';
import { sanitizeName, slugifyName } from './applicationset';

describe('ApplicationSet functions', () => {
  it('normalize keeps DNS characters only', () => {
    expect(sanitizeName('Feature/My_Branch.V2--')).toBe('feature-my-branch.v2');
    expect(sanitizeName('x'.repeat(300))).toHaveLength(253);
  });

  it('slugify truncates on a word boundary by default', () => {
    expect(slugifyName('Hello World Of Templates')).toBe('hello-world-of-templates');
    expect(slugifyName('Hello World Of Templates', 10)).toBe('hello');
    expect(slugifyName('Hello World Of Templates', 10, false)).toBe('hello-worl');
    expect(slugifyName('a.b..c')).toBe('a-b-c');
  });

  it('slugify takes size and truncation flags as template arguments', () => {
    const render = (text: string) =>
      renderTemplateText(text, { name: 'Team A/Service B' }, { functions: 'applicationset' });
    expect(render('{{ slugify .name }}')).toBe('team-a-service-b');
    expect(render('{{ slugify 8 .name }}')).toBe('team-a');
    expect(render('{{ slugify 8 false .name }}')).toBe('team-a-s');
    expect(() => render('{{ slugify 8 5 }}')).toThrow('interface conversion: interface {} is int, not string');
  });
});

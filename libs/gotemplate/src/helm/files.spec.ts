import { renderHelmFiles, helmCapabilities, helmFiles, helmRenderData } from './files';
import { renderTemplateText } from '../render';

describe('renderHelmFiles', () => {
  const files = {
    'mychart/templates/_helpers.tpl': '{{- define "mychart.name" -}}{{ .Chart.Name | trunc 63 }}{{- end -}}',
    'mychart/templates/cm.yaml':
      'name: {{ include "mychart.name" . }}\nfile: {{ .Template.Name }}\nmissing: [{{ .Values.nope }}]',
  };
  const data = { Chart: { Name: 'mychart' }, Values: {} };

  it('shares defines across files and skips partials', () => {
    expect(renderHelmFiles(files, data)).toEqual({
      'mychart/templates/cm.yaml': 'name: mychart\nfile: mychart/templates/cm.yaml\nmissing: []',
    });
  });

  it('cleans required errors like Helm', () => {
    const broken = { 'c/templates/x.yaml': '{{ required "value is required" .Values.v }}' };
    expect(() => renderHelmFiles(broken, { Values: {} })).toThrow(
      'execution error at (c/templates/x.yaml:1:3): value is required',
    );
  });

  it('applies strict mode as missingkey=error', () => {
    expect(() =>
      renderHelmFiles({ 'c/templates/y.yaml': '{{ .Values.nope }}' }, { Values: {} }, { strict: true }),
    ).toThrow('map has no entry for key "nope"');
  });
});

describe('Helm built-in objects', () => {
  it('.Files helpers read chart files', () => {
    const Files = helmFiles({ 'config/a.conf': 'a=1\nb=2', 'config/b.conf': 'x', 'README.md': 'hi' });
    const render = (text: string) => renderTemplateText(text, { Files }, { helm: true });
    expect(render('{{ .Files.Get "README.md" }}')).toBe('hi');
    expect(render('{{ range .Files.Lines "config/a.conf" }}[{{ . }}]{{ end }}')).toBe('[a=1][b=2]');
    expect(render('{{ (.Files.Glob "config/*.conf").AsConfig }}')).toBe('a.conf: |-\n  a=1\n  b=2\nb.conf: x');
    expect(render('{{ (.Files.Glob "README.md").AsSecrets }}')).toBe('README.md: aGk=');
    expect(render('[{{ .Files.Get "missing" }}]')).toBe('[]');
  });

  it('.Capabilities answers version questions offline', () => {
    const Capabilities = helmCapabilities({ kubeVersion: 'v1.29.2', apiVersions: ['v1', 'apps/v1'] });
    const render = (text: string) => renderTemplateText(text, { Capabilities }, { helm: true });
    expect(render('{{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Minor }}')).toBe('v1.29.2 29');
    expect(render('{{ .Capabilities.APIVersions.Has "apps/v1" }} {{ .Capabilities.APIVersions.Has "x/v9" }}')).toBe(
      'true false',
    );
    expect(render('{{ semverCompare ">=1.21-0" .Capabilities.KubeVersion.Version }}')).toBe('true');
  });
});

describe('helmRenderData', () => {
  it('builds the objects a chart sees', () => {
    const data = helmRenderData({
      values: { replicas: 2 },
      release: { name: 'shop', namespace: 'prod', revision: 3 },
      chart: { name: 'web', version: '1.2.3', appVersion: '2.0' },
      files: { 'conf/app.ini': 'x=1' },
      capabilities: { kubeVersion: 'v1.30.1' },
    });
    const files = {
      'web/templates/cm.yaml':
        '{{ .Release.Name }}/{{ .Release.Namespace }} r{{ .Release.Revision }} install={{ .Release.IsInstall }} ' +
        '{{ .Chart.Name }}-{{ .Chart.Version }} app={{ .Chart.AppVersion }} replicas={{ .Values.replicas }} ' +
        '{{ .Files.Get "conf/app.ini" }} {{ .Capabilities.KubeVersion.Version }} {{ .Template.Name }}',
    };
    expect(renderHelmFiles(files, data)['web/templates/cm.yaml']).toBe(
      'shop/prod r3 install=true web-1.2.3 app=2.0 replicas=2 x=1 v1.30.1 web/templates/cm.yaml',
    );
    expect(() => renderHelmFiles({ 'web/templates/x.yaml': '{{ .Chart.Nope }}' }, data)).toThrow(
      "can't evaluate field Nope in type interface {}",
    );
  });
});

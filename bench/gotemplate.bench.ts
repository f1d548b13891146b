// Parse and render throughput of @driftless/gotemplate for an ApplicationSet
// template (cached render is the hot path of the controller) and for a chart
// whose output comes mostly from _helpers.tpl defines.
import { helmFunctions, renderHelmFiles, renderTemplateText, sprigFunctions, TemplateSet } from '@driftless/gotemplate';
import { round, timePerRun, type BenchmarkResult } from './benchmark';

const applicationSetTemplate = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: '{{ .path.basename }}-{{ .name }}'
  labels:
    team: '{{ index .path.segments 1 | lower }}'
    env: '{{ .metadata.labels.env | default "dev" }}'
spec:
  project: '{{ .metadata.labels.project | default "default" }}'
  source:
    repoURL: https://github.com/example/deployments.git
    targetRevision: '{{ .values.revision | default "HEAD" }}'
    path: '{{ .path.path }}'
    helm:
      releaseName: '{{ .path.basename | trunc 53 | trimSuffix "-" }}'
      valueFiles:
      {{- range $file := .values.valueFiles }}
        - '{{ $file }}'
      {{- end }}
  destination:
    server: '{{ .server }}'
    namespace: '{{ if hasPrefix "kube-" .path.basename }}kube-system{{ else }}{{ .path.basename }}{{ end }}'
  syncPolicy:
    automated:
      prune: {{ eq .metadata.labels.env "prod" | not }}
`;

const applicationSetParams = {
  name: 'prod-eu-west-1',
  server: 'https://10.0.0.1:6443',
  path: { path: 'teams/payments/checkout', basename: 'checkout', segments: ['teams', 'payments', 'checkout'] },
  metadata: { labels: { env: 'prod', project: 'payments' } },
  values: { revision: 'v1.4.2', valueFiles: ['values.yaml', 'values-prod.yaml'] },
};

const helpers = `{{- define "chart.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- define "chart.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}
{{- define "chart.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- define "chart.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chart.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
{{- define "chart.labels" -}}
helm.sh/chart: {{ include "chart.chart" . }}
{{ include "chart.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}`;

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chart.fullname" . }}
  labels:
    {{- include "chart.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      {{- include "chart.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "chart.labels" . | nindent 8 }}
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          ports:
            - containerPort: {{ .Values.service.port }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          {{- with .Values.env }}
          env:
            {{- range $name, $value := . }}
            - name: {{ $name }}
              value: {{ $value | quote }}
            {{- end }}
          {{- end }}
`;

const chartFiles = {
  'chart/templates/_helpers.tpl': helpers,
  'chart/templates/deployment.yaml': deployment,
  'chart/templates/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ include "chart.fullname" . }}
  labels:
    {{- include "chart.labels" . | nindent 4 }}
spec:
  ports:
    - port: {{ .Values.service.port }}
  selector:
    {{- include "chart.selectorLabels" . | nindent 4 }}
`,
};

const chartData = {
  Chart: { Name: 'web', Version: '1.2.3', AppVersion: '2.0.0' },
  Release: { Name: 'shop', Namespace: 'default', Service: 'Helm' },
  Values: {
    replicaCount: 3,
    image: { repository: 'nginx', tag: '' },
    service: { port: 8080 },
    resources: { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
    env: { LOG_LEVEL: 'info', FEATURE_X: 'true' },
  },
};

const micro = (ms: number): number => round(ms * 1000, 1);

export default async (): Promise<BenchmarkResult[]> => {
  const sprig = sprigFunctions();
  const helm = helmFunctions();
  const chartText = `${helpers}\n${deployment}`;

  const parseAppSet = await timePerRun(() => new TemplateSet({ funcs: sprig }).parse('appset', applicationSetTemplate));
  const renderAppSet = await timePerRun(() =>
    renderTemplateText(applicationSetTemplate, applicationSetParams, { missingKey: 'error' }),
  );
  const parseChart = await timePerRun(() =>
    new TemplateSet({ funcs: helm }).parse('chart/templates/deployment.yaml', chartText),
  );
  const renderChart = await timePerRun(() =>
    renderTemplateText(chartText, chartData, { helm: true, name: 'chart/templates/deployment.yaml' }),
  );
  const renderFiles = await timePerRun(() => renderHelmFiles(chartFiles, chartData));

  return [
    { name: 'ApplicationSet template: parse (uncached)', value: micro(parseAppSet), unit: 'µs/op' },
    {
      name: 'ApplicationSet template: render (parse cached)',
      value: micro(renderAppSet),
      unit: 'µs/op',
      goal: '< 50 µs',
    },
    { name: 'ApplicationSet renders per second', value: Math.round(1000 / renderAppSet), unit: 'ops/s' },
    { name: 'chart deployment + _helpers.tpl: parse', value: micro(parseChart), unit: 'µs/op' },
    { name: 'chart deployment + _helpers.tpl: render (parse cached)', value: micro(renderChart), unit: 'µs/op' },
    { name: 'chart 3 files via renderHelmFiles (parse + render)', value: micro(renderFiles), unit: 'µs/op' },
  ];
};

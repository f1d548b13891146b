// Manifests the controller suites keep in their git repositories.

/** A ConfigMap `settings` with data.mode. */
export const settingsYaml = (mode = 'blue') => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: ${mode}
`;

/** A Deployment `web` running nginx, with limits written as `1000m`/`1Gi` (live shows `1`/`1024Mi`). */
export const deploymentYaml = (replicas = 2, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: ${image}
          resources:
            limits: {cpu: 1000m, memory: 1Gi}
`;

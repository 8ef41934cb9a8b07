/**
 * Monaco, bundled (no CDN): the full editor, its workers built by Vite, monaco-yaml with the Kubernetes schema, and
 * @monaco-editor/react told to use this copy. Only the lazily loaded editor chunk imports this module.
 */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import YamlWorker from 'monaco-yaml/yaml.worker.js?worker';
import kubernetesSchema from '../schemas/kubernetes.schema.json';

/** The editor model's URI; the schema applies to it by this path. */
export const MODEL_PATH = 'file:///kubeplay/manifest.yaml';

self.MonacoEnvironment = {
  getWorker(_id: string, label: string) {
    return label === 'yaml' ? new YamlWorker() : new EditorWorker();
  },
};

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  hover: true,
  completion: true,
  validate: true,
  schemas: [{ uri: 'inmemory://kubeplay/kubernetes.schema.json', fileMatch: [MODEL_PATH], schema: kubernetesSchema as JSONSchema }],
});

loader.config({ monaco });

export { monaco };

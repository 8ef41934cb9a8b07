import type { ObjectMeta as K8sObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1';

export type { OwnerReference };

/** ObjectMeta as the server writes it (kubernetes-types marks server-set fields readonly). */
export type ObjectMeta = { -readonly [K in keyof K8sObjectMeta]: K8sObjectMeta[K] };

/** Any Kubernetes object as stored and served: apiVersion, kind, metadata and the rest. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: any;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  method: HttpMethod;
  /** A real API path, optionally with a query string: /api/v1/namespaces/default/pods?labelSelector=app%3Dweb */
  path: string;
  /** Query parameters; merged over those in the path. */
  query?: Record<string, string | undefined>;
  /** Parsed JSON body, or a string (YAML or JSON) for apply patches. */
  body?: unknown;
  /** Content-Type: application/json, application/merge-patch+json, application/strategic-merge-patch+json,
   *  application/json-patch+json, application/apply-patch+yaml. */
  contentType?: string;
  /** Accept header; `application/json;as=Table;v=v1;g=meta.k8s.io` asks for a Table. */
  accept?: string;
}

export interface ApiResponse {
  status: number;
  body: any;
  /** Warning headers the server sends (deprecations); kubectl prints them as `Warning: ...`. */
  warnings?: string[];
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  object: KObject;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Host file access for `kubectl apply -f PATH`; the engine itself never touches a file system. */
export interface FileSystem {
  readFile(path: string): string | undefined;
  /** Entries (names) of a directory, or undefined when PATH is not a directory. */
  readDir(path: string): string[] | undefined;
  join(dir: string, name: string): string;
}

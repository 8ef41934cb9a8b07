/** Volume validation as core/validation's ValidateVolumes does it: names, one source each, the common sources' fields. */
import type { FieldError } from '../field-errors';
import { duplicate, forbiddenField, invalidValue, required } from '../field-errors';
import { isDNS1123Label } from '../validation/meta';
import { validateLocalDescendingPath } from './pod-container-validation';

const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): any => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);
const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));

const FILE_MODE_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';

/** The order validateVolumeSource checks sources in, with the path each one reports under. */
const SOURCES: [string, string][] = [
  ['emptyDir', 'emptyDir'], ['hostPath', 'hostPath'], ['gitRepo', 'gitRepo'], ['gcePersistentDisk', 'gcePersistentDisk'],
  ['awsElasticBlockStore', 'awsElasticBlockStore'], ['secret', 'secret'], ['nfs', 'nfs'], ['iscsi', 'iscsi'],
  ['glusterfs', 'glusterfs'], ['flocker', 'flocker'], ['persistentVolumeClaim', 'persistentVolumeClaim'], ['rbd', 'rbd'],
  ['cinder', 'cinder'], ['cephfs', 'cephFS'], ['quobyte', 'quobyte'], ['downwardAPI', 'downwarAPI'], ['fc', 'fc'],
  ['flexVolume', 'flexVolume'], ['configMap', 'configMap'], ['azureFile', 'azureFile'], ['vsphereVolume', 'vsphereVolume'],
  ['photonPersistentDisk', 'photonPersistentDisk'], ['portworxVolume', 'portworxVolume'], ['azureDisk', 'azureDisk'],
  ['storageos', 'storageos'], ['projected', 'projected'], ['scaleIO', 'scaleIO'], ['csi', 'csi'], ['ephemeral', 'ephemeral'],
  ['image', 'image'],
];

/** Returns the volumes that validated (mounts may only name those) and the errors. */
export function validateVolumes(volumes: unknown, field: string): { volumes: Map<string, any>; errors: FieldError[] } {
  const valid = new Map<string, any>();
  const errors: FieldError[] = [];
  const names = new Set<string>();
  arr(volumes).forEach((v, i) => {
    const vol = obj(v) ?? {};
    const path = `${field}[${i}]`;
    const name = str(vol.name);
    const el = validateVolumeSource(vol, path);
    if (!name) el.push(required(`${path}.name`));
    else for (const m of isDNS1123Label(name)) el.push(invalidValue(`${path}.name`, name, m));
    if (names.has(name)) el.push(duplicate(`${path}.name`, name));
    if (el.length === 0) {
      names.add(name);
      valid.set(name, vol);
    } else {
      errors.push(...el);
    }
  });
  return { volumes: valid, errors };
}

function validateVolumeSource(vol: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  for (const [key, reported] of SOURCES) {
    if (vol[key] == null) continue;
    if (n > 0) {
      errs.push(forbiddenField(`${path}.${reported}`, 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    errs.push(...validateSource(key, obj(vol[key]) ?? {}, `${path}.${key}`));
  }
  if (n === 0) errs.push(required(path, 'must specify a volume type'));
  return errs;
}

function validateSource(key: string, src: any, path: string): FieldError[] {
  switch (key) {
    case 'hostPath':
      if (!str(src.path)) return [required(`${path}.path`)];
      return src.path.split('/').includes('..') ? [invalidValue(`${path}.path`, src.path, "must not contain '..'")] : [];
    case 'secret':
      return [
        ...(str(src.secretName) ? [] : [required(`${path}.secretName`)]),
        ...fileMode(src.defaultMode, `${path}.defaultMode`),
        ...keyToPaths(src.items, `${path}.items`),
      ];
    case 'configMap':
      return [
        ...(str(src.name) ? [] : [required(`${path}.name`)]),
        ...fileMode(src.defaultMode, `${path}.defaultMode`),
        ...keyToPaths(src.items, `${path}.items`),
      ];
    case 'persistentVolumeClaim':
      return str(src.claimName) ? [] : [required(`${path}.claimName`)];
    case 'nfs': {
      const errs: FieldError[] = [];
      if (!str(src.server)) errs.push(required(`${path}.server`));
      if (!str(src.path)) errs.push(required(`${path}.path`));
      else if (!str(src.path).startsWith('/')) errs.push(invalidValue(`${path}.path`, src.path, 'must be an absolute path'));
      return errs;
    }
    case 'downwardAPI':
      return fileMode(src.defaultMode, `${path}.defaultMode`);
    case 'projected':
      return fileMode(src.defaultMode, `${path}.defaultMode`);
    case 'emptyDir':
      if (typeof src.sizeLimit === 'string' && src.sizeLimit.startsWith('-')) {
        return [forbiddenField(`${path}.sizeLimit`, 'SizeLimit field must be a valid resource quantity')];
      }
      return [];
    case 'csi':
      return str(src.driver) ? [] : [required(`${path}.driver`)];
    default:
      return [];
  }
}

function fileMode(mode: unknown, field: string): FieldError[] {
  return typeof mode === 'number' && (mode > 0o777 || mode < 0) ? [invalidValue(field, mode, FILE_MODE_MSG)] : [];
}

function keyToPaths(items: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(items).forEach((it, i) => {
    const kp = obj(it) ?? {};
    const path = `${field}[${i}]`;
    if (!str(kp.key)) errs.push(required(`${path}.key`));
    if (!str(kp.path)) errs.push(required(`${path}.path`));
    errs.push(...validateLocalDescendingPath(str(kp.path), `${path}.path`));
    if (str(kp.path).length > 1 && str(kp.path).startsWith('..')) errs.push(invalidValue(`${path}.path`, kp.path, "must not start with '..'"));
    errs.push(...fileMode(kp.mode, `${path}.mode`));
  });
  return errs;
}

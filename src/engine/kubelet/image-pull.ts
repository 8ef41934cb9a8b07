/**
 * EnsureImageExists of the kubelet's image manager: pull policy, the per-image back-off (ErrImagePull, then
 * ImagePullBackOff until the back-off window passes), and the events with their exact v1.33 wording.
 */
import { goDuration } from '../go-duration';
import { intern } from '../util';
import type { ContainerState } from './container-state';
import type { CachedImage } from './images/image-store';
import { parseImage } from './images/reference';
import type { PodWorker } from './pod-worker';

/** How soon the kubelet syncs the pod again after a failed pull (ErrImagePull turns into ImagePullBackOff). */
const RESYNC_AFTER_ERROR_MS = 1000;
const RETRY_MS = 10_000;

function setPulled(c: ContainerState, img: CachedImage): void {
  const ref = c.ref!;
  c.pulledImage = intern(ref.digest ? `${img.repo}@${ref.digest}` : `${img.repo}:${ref.tag}`);
  c.imageID = intern(`${img.repo}@${img.digest}`);
}

export function ensureImage(w: PodWorker, c: ContainerState, done: (ok: boolean) => void): void {
  const rt = w.rt;
  const image: string = c.spec.image ?? '';
  if (!c.ref && !c.invalidImage) {
    const parsed = parseImage(image);
    if ('invalid' in parsed) c.invalidImage = parsed.invalid;
    else c.ref = parsed.ref;
  }
  if (c.invalidImage) {
    const msg = `Failed to apply default image tag "${image}": ${c.invalidImage}`;
    c.waiting = { reason: 'InvalidImageName', message: msg };
    w.event('Warning', 'InspectFailed', msg, c);
    w.event('Warning', 'Failed', 'Error: InvalidImageName', c);
    return done(false);
  }
  const ref = c.ref!;
  const policy: string = c.spec.imagePullPolicy ?? (ref.tag === 'latest' && !ref.digest ? 'Always' : 'IfNotPresent');
  const present = rt.images.has(ref);
  if (present && (policy === 'Never' || policy === 'IfNotPresent')) {
    setPulled(c, present);
    w.event('Normal', 'Pulled', `Container image "${image}" already present on machine`, c);
    return done(true);
  }
  if (policy === 'Never') {
    const msg = `Container image "${image}" is not present with pull policy of Never`;
    c.waiting = { reason: 'ErrImageNeverPull', message: msg };
    w.event('Warning', 'ErrImageNeverPull', msg, c);
    w.event('Warning', 'Failed', 'Error: ErrImageNeverPull', c);
    w.queueSync(RETRY_MS);
    return done(false);
  }
  const key = `${w.uid}_${image}`;
  if (rt.backoff.inBackOffSinceUpdate(key)) {
    const e = rt.backoff.entry(key)!;
    c.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` };
    w.event('Normal', 'BackOff', `Back-off pulling image "${image}"`, c);
    w.event('Warning', 'Failed', 'Error: ImagePullBackOff', c);
    w.queueSync(e.lastUpdate + e.backoff - rt.clock.now());
    return done(false);
  }
  w.event('Normal', 'Pulling', intern(`Pulling image "${image}"`), c);
  rt.images.pull(ref, (r) => {
    if (w.gone) return;
    if (r.ok) {
      setPulled(c, r.cached);
      w.event(
        'Normal',
        'Pulled',
        `Successfully pulled image "${image}" in ${goDuration(r.pullMs)} (${goDuration(r.totalMs)} including waiting). Image size: ${r.cached.sizeBytes} bytes.`,
        c,
      );
      return done(true);
    }
    rt.backoff.next(key, rt.clock.now());
    c.waiting = { reason: 'ErrImagePull', message: r.error };
    w.event('Warning', 'Failed', `Failed to pull image "${image}": ${r.error}`, c);
    w.event('Warning', 'Failed', 'Error: ErrImagePull', c);
    w.queueSync(RESYNC_AFTER_ERROR_MS);
    done(false);
  });
}

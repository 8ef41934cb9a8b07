import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

function withPod() {
  const c = createCluster();
  c.kubectl('kubectl run nginx --image=nginx --labels=app=web');
  return c;
}

describe('kubectl label and annotate', () => {
  it('labels, refuses to overwrite without --overwrite, and reports not labeled / unlabeled', () => {
    const c = withPod();
    expect(c.kubectl('kubectl label pod nginx tier=fe').stdout).toBe('pod/nginx labeled\n');
    expect(c.kubectl('kubectl label pod nginx app=api').stderr).toBe("error: 'app' already has a value (web), and --overwrite is false\n");
    expect(c.kubectl('kubectl label pod nginx app=api --overwrite').stdout).toBe('pod/nginx labeled\n');
    expect(c.kubectl('kubectl label pod nginx app=api --overwrite').stdout).toBe('pod/nginx not labeled\n');
    expect(c.kubectl('kubectl label pod nginx tier-').stdout).toBe('pod/nginx unlabeled\n');
    const pod = c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/nginx' }).body;
    expect(pod.metadata.labels).toEqual({ app: 'api' });
  });

  it('--list prints the labels; removing a missing label says so', () => {
    const c = withPod();
    expect(c.kubectl('kubectl label pod nginx --list').stdout).toBe('app=web\n');
    expect(c.kubectl('kubectl label pod nginx nope-').stdout).toBe('label "nope" not found.\npod/nginx not labeled\n');
  });

  it('labels by selector and with --all; checks --resource-version', () => {
    const c = withPod();
    c.kubectl('kubectl run other --image=nginx --labels=app=db');
    expect(c.kubectl('kubectl label pods -l app=web team=a').stdout).toBe('pod/nginx labeled\n');
    expect(c.kubectl('kubectl label pods --all env=dev').stdout).toBe('pod/nginx labeled\npod/other labeled\n');
    const r = c.kubectl('kubectl label pod nginx x=y --resource-version=1');
    expect(r.stderr).toMatch(/^Error from server \(Conflict\): Operation cannot be fulfilled on pods "nginx"/);
  });

  it('rejects bad label values with the real message', () => {
    const c = withPod();
    expect(c.kubectl('kubectl label pod nginx a=-bad-').stderr).toMatch(/^error: invalid label value: "a=-bad-": a valid label must be/);
    expect(c.kubectl('kubectl label pod nginx').stderr).toBe('error: at least one label update is required\n');
  });

  it('annotates, and refuses to overwrite with the annotate wording', () => {
    const c = withPod();
    expect(c.kubectl('kubectl annotate pod nginx note=hi').stdout).toBe('pod/nginx annotated\n');
    expect(c.kubectl('kubectl annotate pod nginx note=ho').stderr).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n",
    );
    expect(c.kubectl('kubectl annotate pod nginx note-').stdout).toBe('pod/nginx annotated\n');
    expect(c.request({ method: 'GET', path: '/api/v1/namespaces/default/pods/nginx' }).body.metadata.annotations ?? {}).toEqual({});
  });
});

import { describe, expect, it } from 'vitest';
import { createCluster } from '../../src/engine';

/** Cases from k8s.io/client-go/util/jsonpath's own tests, run through `kubectl get -o jsonpath`. */
describe('kubectl get -o jsonpath', () => {
  const c = createCluster();
  c.request({
    method: 'POST',
    path: '/api/v1/namespaces/default/configmaps',
    body: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg', labels: { 'app.kubernetes.io/name': 'shop', 'k8s-app': 'x' }, annotations: { note: 'a<b & c' } },
      data: { one: '1', two: '2' },
    },
  });
  const jp = (expr: string, target = 'cm cfg') => c.kubectl(`get ${target} -o jsonpath='${expr}'`);

  it('selects fields, escaped dots and dashes', () => {
    expect(jp('{.metadata.name}').stdout).toBe('cfg');
    expect(jp('{.metadata.labels.app\\.kubernetes\\.io/name}').stdout).toBe('shop');
    expect(jp('{.metadata.labels.k8s-app}').stdout).toBe('x');
    expect(c.kubectl(`get cm cfg -o jsonpath="{.metadata['name']}"`).stdout).toBe('cfg');
    expect(jp('before-{.nothing}after').stdout).toBe('before-after');
  });

  it('prints maps and lists as JSON, with Go escaping', () => {
    expect(jp('{.data}').stdout).toBe('{"one":"1","two":"2"}');
    expect(jp('{.metadata.annotations}').stdout).toBe('{"note":"a\\u003cb \\u0026 c"}');
    expect(jp('{.items[*].metadata.name}', 'nodes').stdout).toBe('control-plane worker-1 worker-2 worker-3');
  });

  it('supports range, filters, slices, unions and recursive descent', () => {
    expect(jp('{range .items[*]}{.metadata.name}{"\\n"}{end}', 'nodes').stdout).toBe('control-plane\nworker-1\nworker-2\nworker-3\n');
    expect(jp('{.items[?(@.metadata.name=="worker-2")].status.nodeInfo.kubeletVersion}', 'nodes').stdout).toBe('v1.33.4');
    expect(jp('{.items[?(@.status.conditions[-1].type=="Ready")].metadata.name}', 'nodes').stdout).toMatch(/^control-plane/);
    expect(jp('{.items[1:3].metadata.name}', 'nodes').stdout).toBe('worker-1 worker-2');
    expect(jp('{.items[-1:].metadata.name}', 'nodes').stdout).toBe('worker-3');
    expect(jp('{.items[0,2].metadata.name}', 'nodes').stdout).toBe('control-plane worker-2');
    expect(c.kubectl(`get nodes -o jsonpath="{.items[0]['metadata.name', 'kind']}"`).stdout).toBe('control-plane Node');
    expect(jp('{..one}').stdout).toBe('1');
    expect(c.kubectl(`get nodes -o jsonpath-as-json='{.items[0].metadata.name}'`).stdout).toBe('[\n    "control-plane"\n]\n');
  });

  it('gives the real parse and execution errors', () => {
    expect(jp('{.metadata.name').stderr).toBe('error: error parsing jsonpath {.metadata.name, unclosed action\n');
    expect(jp('{.items[}').stderr).toBe('error: error parsing jsonpath {.items[}, unterminated array\n');
    expect(jp('{*}').stderr).toBe("error: error parsing jsonpath {*}, unrecognized character in action: U+002A '*'\n");
    const r = jp('{.items[0].metadata.name}', 'pods');
    expect(r.stderr).toBe(
      'error: error executing jsonpath "{.items[0].metadata.name}": Error executing template: array index out of bounds: index 0, length 0. ' +
        'Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.items[0].metadata.name}\n' +
        '\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}\n\n\n',
    );
    expect(jp('{range .items[*]}{end}{end}', 'nodes').stderr).toMatch(/Error executing template: not in range, nothing to end\./);
  });
});

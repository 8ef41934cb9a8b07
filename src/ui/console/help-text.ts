/** What `help` prints in the console. */
export const HELP = `Kubeplay console: a shell for the simulated cluster.

  kubectl ...                  kubectl v1.33 against the simulated cluster ("kubectl" alone lists its commands)
  kubeplay node add NAME [--cpu 4] [--memory 8Gi] [--pods 110]
                               add a worker node
  kubeplay node fail NAME      the node's machine stops (its kubelet stops reporting)
  kubeplay node recover NAME   a failed node comes back
  kubeplay pod crash NAME [-n NAMESPACE] [-c CONTAINER]
                               a container of the pod exits with code 1
  echo, cat, export, X=value   a little shell: variables, $(...), &&, ||, ;, | and here-documents
  clear                        empty the console (also Ctrl+L)
  help                         this text

Keys:
  Enter          run the command (a line that is not finished, such as an open quote or a
                 "<<EOF" here-document, continues on the next line)
  Shift+Enter    start a new line without running
  Tab            complete verbs, flags, resource types (po -> pods) and object names;
                 several candidates are listed (on an empty line Tab moves focus on)
  Up / Down      earlier and later commands (kept across reloads)
  Ctrl+C         abandon the line being typed

Example:
  kubectl apply -f - <<EOF
  apiVersion: v1
  kind: ConfigMap
  metadata:
    name: greeting
  data:
    message: hello
  EOF

Waiting commands (kubectl rollout status, kubectl wait) run the virtual clock forward until they finish.
`;

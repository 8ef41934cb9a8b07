import { parse } from 'yaml';
import { readFileSync } from 'fs';
import { toYaml } from '/work/main/src/engine/kubectl/printers/yaml-json';
process.stdout.write(toYaml(parse(readFileSync('/tmp/cmp/m.yaml', 'utf8'))));

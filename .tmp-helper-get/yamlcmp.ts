import { parse } from 'yaml';
import { readFileSync } from 'fs';
import { goYaml } from '../src/engine/kubectl/printers/go-yaml';
const obj = parse(readFileSync('/tmp/cmp/real.yaml', 'utf8'));
process.stdout.write(goYaml(obj));

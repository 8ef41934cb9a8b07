/** Validation pieces shared by several kinds: immutability, ports, IPs, quantities, Go value rendering. */
import { badRequest } from '../errors';
import type { FieldError } from '../field-errors';
import { invalidValue } from '../field-errors';
import { canonicalQuantity, parseQuantityExact } from '../quantity';
import { deepEqual } from '../../util';
import { isValidPortName, isValidPortNum } from './names';

export const FIELD_IMMUTABLE = 'field is immutable';

/** apimachinery's ValidateImmutableField. */
export function immutableField(newVal: unknown, oldVal: unknown, field: string, goValue?: string): FieldError[] {
  if (deepEqual(newVal ?? null, oldVal ?? null)) return [];
  return [{ type: 'Invalid', field, badValue: newVal, goValue, detail: FIELD_IMMUTABLE }];
}

export function nonNegative(value: unknown, field: string): FieldError[] {
  return typeof value === 'number' && value < 0 ? [invalidValue(field, value, 'must be greater than or equal to 0')] : [];
}

/** An IntOrString port: a number 1-65535 or an IANA service name. */
export function validatePortNumOrName(port: unknown, field: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalidValue(field, port, m));
  if (typeof port === 'string') return isValidPortName(port).map((m) => invalidValue(field, port, m));
  return [];
}

/** The IP family of a well-formed address string, or undefined. */
export function ipFamilyOf(ip: string): 'IPv4' | 'IPv6' | undefined {
  if (parseIPv4(ip) !== undefined) return 'IPv4';
  if (ip.includes(':') && /^[0-9a-fA-F:.]+$/.test(ip)) return 'IPv6';
  return undefined;
}

/** Dotted quad to a 32-bit number; undefined when not an IPv4 address (leading zeros are accepted, as ParseIPSloppy). */
export function parseIPv4(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

export function formatIPv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** apimachinery's IsValidIP (strict form, as used for new values). */
export function validateIP(value: string, field: string): FieldError[] {
  const family = ipFamilyOf(value);
  if (!family) return [invalidValue(field, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
  if (family === 'IPv4' && value.split('.').some((p) => p.length > 1 && p.startsWith('0'))) {
    return [invalidValue(field, value, 'must not have leading 0s')];
  }
  return [];
}

/** ValidateNonSpecialIP: endpoints and external IPs may not be unspecified, loopback or link-local. */
export function validateNonSpecialIP(value: string, field: string): FieldError[] {
  const v4 = parseIPv4(value);
  if (v4 === undefined && ipFamilyOf(value) !== 'IPv6') return [invalidValue(field, value, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  if (v4 === 0 || value === '::') errs.push(invalidValue(field, value, `may not be unspecified (${value})`));
  if ((v4 !== undefined && v4 >>> 24 === 127) || value === '::1') {
    errs.push(invalidValue(field, value, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  }
  if ((v4 !== undefined && v4 >>> 16 === 0xa9fe) || /^fe[89ab]/i.test(value)) {
    errs.push(invalidValue(field, value, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  }
  if ((v4 !== undefined && v4 >>> 8 === 0xe00000) || /^ff02:/i.test(value)) {
    errs.push(invalidValue(field, value, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errs;
}

/** apimachinery's IsValidCIDR for IPv4 (with the canonical-form rule); IPv6 only gets a shape check. */
export function validateCIDR(value: string, field: string): FieldError[] {
  const [ip, bits, extra] = value.split('/');
  const n = parseIPv4(ip ?? '');
  const prefix = Number(bits);
  if (extra !== undefined || bits === undefined || !/^\d+$/.test(bits)) {
    return [invalidValue(field, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
  }
  if (n === undefined) {
    if (ipFamilyOf(ip) === 'IPv6' && prefix <= 128) return [];
    return [invalidValue(field, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
  }
  if (prefix > 32) return [invalidValue(field, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
  if (ip.split('.').some((p) => p.length > 1 && p.startsWith('0')) || (bits.length > 1 && bits.startsWith('0'))) {
    return [invalidValue(field, value, 'must not have leading 0s in IP or prefix length')];
  }
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  if (((n & ~mask) >>> 0) !== 0) return [invalidValue(field, value, 'must not have bits set beyond the prefix length')];
  return [];
}

/**
 * Quantities are parsed when the body is decoded: a malformed one is a 400 from the decoder, not a 422.
 * Valid ones are stored in canonical form, as the server serializes them.
 */
export function decodeQuantities(list: unknown, kind: string): void {
  if (!list || typeof list !== 'object') return;
  const rec = list as Record<string, unknown>;
  for (const [k, v] of Object.entries(rec)) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const q = parseQuantityExact(v);
    if (typeof q === 'string') throw badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: ${q}`);
    rec[k] = canonicalQuantity(v);
  }
}

/** ValidateNonnegativeQuantity. */
export function nonNegativeQuantity(value: unknown, field: string): FieldError[] {
  const q = parseQuantityExact(String(value));
  if (typeof q !== 'string' && q.nanos < 0n) return [invalidValue(field, String(value), 'must be greater than or equal to 0')];
  return [];
}

/** ValidatePositiveQuantityValue. */
export function positiveQuantity(value: unknown, field: string): FieldError[] {
  const q = parseQuantityExact(String(value));
  if (typeof q !== 'string' && q.nanos <= 0n) return [invalidValue(field, String(value), 'must be greater than zero')];
  return [];
}

/** Go's %q for a list of strings under a named slice type, e.g. []core.IPFamily{"IPv4"}. */
export function goStrings(type: string, values: unknown[]): string {
  return `${type}{${values.map((v) => JSON.stringify(String(v))).join(', ')}}`;
}

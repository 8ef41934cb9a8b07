/** π to n decimal places (Machin's formula on BigInt), for the Job tutorial's `perl -Mbignum=bpi -wle "print bpi(2000)"`. */
export function piDigits(n: number): string {
  const guard = 10n;
  const scale = 10n ** BigInt(n + 10);
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    for (let k = 1n; term !== 0n; k += 2n) {
      sum += ((k - 1n) / 2n) % 2n === 0n ? term / k : -(term / k);
      term /= x2;
    }
    return sum;
  };
  const pi = 4n * (4n * arctanInv(5n) - arctanInv(239n));
  const s = (pi / guard ** 9n).toString();
  // bpi(N) prints N significant digits: "3." followed by N-1 decimals, rounded down.
  return `${s[0]}.${s.slice(1, n)}`;
}

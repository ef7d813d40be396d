/** A duration in exact seconds, and as a person reads it: `345600 s = 4 d`, `360 s = 6 min`, `45 s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const units: [number, string][] = [
    [86_400, "d"],
    [3_600, "h"],
    [60, "min"],
  ];
  for (const [size, unit] of units) {
    if (Math.abs(seconds) >= size) {
      const value = Math.round((seconds / size) * 10) / 10;
      return `${seconds} s = ${value} ${unit}`;
    }
  }
  return `${seconds} s`;
}

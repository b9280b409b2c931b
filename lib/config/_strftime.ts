/**
 * A strftime subset for `${now:…}`, in UTC: %Y %y %m %d %H %M %S %j %f (microseconds), %%.
 *
 * @module
 */

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/** Formats `date` (UTC) with the pattern; unknown `%x` directives are an error. */
export function strftime(pattern: string, date: Date): string {
  return pattern.replace(/%(.)/g, (_, directive: string) => {
    switch (directive) {
      case "Y":
        return pad(date.getUTCFullYear(), 4);
      case "y":
        return pad(date.getUTCFullYear() % 100, 2);
      case "m":
        return pad(date.getUTCMonth() + 1, 2);
      case "d":
        return pad(date.getUTCDate(), 2);
      case "H":
        return pad(date.getUTCHours(), 2);
      case "M":
        return pad(date.getUTCMinutes(), 2);
      case "S":
        return pad(date.getUTCSeconds(), 2);
      case "f":
        return pad(date.getUTCMilliseconds() * 1000, 6);
      case "j": {
        const start = Date.UTC(date.getUTCFullYear(), 0, 1);
        return pad(Math.floor((date.getTime() - start) / 86_400_000) + 1, 3);
      }
      case "%":
        return "%";
      default:
        throw new Error(`unsupported strftime directive "%${directive}"`);
    }
  });
}

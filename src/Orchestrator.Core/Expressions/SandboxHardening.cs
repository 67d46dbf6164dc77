namespace Orchestrator.Core.Expressions;

/// <summary>
/// JavaScript run in every fresh sandbox before the expression. Jint checks its memory limit between
/// statements, so one built-in call that makes a huge string (<c>'x'.repeat(1e8)</c>) would pass it; these
/// wrappers refuse such calls up front, and binary buffers are removed. And anything that reads the clock or draws random numbers is
/// removed: a resumed run re-evaluates conditions and must take the same path as the first time.
/// </summary>
internal static class SandboxHardening
{
    public static string Script(long maxChars) => $$"""
        (() => {
          'use strict';
          const limit = {{maxChars}};
          const refuse = (what) => { throw new RangeError(what + ' would make a string longer than ' + limit + ' characters, past the expression memory limit of {{maxChars * 2 / (1024 * 1024)}} MB'); };
          const guard = (proto, name, size) => {
            const original = proto[name];
            Object.defineProperty(proto, name, { value: function (...args) { if (size(this, args) > limit) refuse(name); return original.apply(this, args); }, writable: false, configurable: false });
          };
          guard(String.prototype, 'repeat', (s, a) => String(s).length * Number(a[0]));
          guard(String.prototype, 'padStart', (s, a) => Number(a[0]) + (a[1] === undefined ? 1 : String(a[1]).length));
          guard(String.prototype, 'padEnd', (s, a) => Number(a[0]) + (a[1] === undefined ? 1 : String(a[1]).length));
          guard(Array.prototype, 'join', (s, a) => {
            let total = 0;
            const separator = a[0] === undefined ? 1 : String(a[0]).length;
            for (let i = 0; i < s.length && total <= limit; i++) total += (s[i] == null ? 0 : String(s[i]).length) + separator;
            return total;
          });
          // Binary buffers allocate their whole size in one call, before the memory limit is checked
          // (new ArrayBuffer(1e9) took a gigabyte), and a definition has no use for them.
          for (const name of ['ArrayBuffer', 'SharedArrayBuffer', 'DataView', 'Atomics', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray',
            'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array',
            'BigUint64Array', 'BigInt', 'WeakRef', 'FinalizationRegistry']) delete globalThis[name];
          delete Math.random;
          // Intl formats the current time when given no date (Intl.DateTimeFormat().format()): another clock.
          delete globalThis.Intl;
          const clock = () => { throw new TypeError('expressions may not read the clock: a resumed run must evaluate them the same way; pass the time in as an input'); };
          const RealDate = Date;
          globalThis.Date = new Proxy(RealDate, {
            construct: (target, args) => args.length === 0 ? clock() : new target(...args),
            apply: clock,
            get: (target, key) => key === 'now' ? clock : target[key],
          });
        })();
        """;
}

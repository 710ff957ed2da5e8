// Peak RSS growth of this process while a measurement runs (sampled every 20 ms), in MiB.
export function rssSampler() {
  globalThis.gc?.();
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  return () => {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage.rss());
    return (peak - baseline) / 2 ** 20;
  };
}

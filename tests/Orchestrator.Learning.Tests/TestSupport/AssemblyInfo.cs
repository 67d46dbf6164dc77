// Torch's generator and thread pool are process-wide: tests that seed and build models must not interleave,
// and on a 2-core machine parallel Torch tests would only fight over the cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Torch's generator and thread pool are process-wide, and the 2-core machine gains nothing from parallel Torch tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

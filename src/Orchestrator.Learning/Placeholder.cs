namespace Orchestrator.Learning;

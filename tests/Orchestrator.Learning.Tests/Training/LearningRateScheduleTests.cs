using Orchestrator.Learning.Training;

namespace Orchestrator.Learning.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void Rate_warms_up_holds_then_decays_to_the_floor()
    {
        var schedule = new LearningRateSchedule(PeakRate: 1.0, WarmupSteps: 10, DecaySteps: 20, TotalSteps: 100, FinalFactor: 0.1);
        Assert.Equal(0.1, schedule.RateAt(0), 9);
        Assert.Equal(1.0, schedule.RateAt(9), 9);
        Assert.Equal(1.0, schedule.RateAt(50), 9);
        Assert.Equal(1.0, schedule.RateAt(79), 9);
        Assert.True(schedule.RateAt(90) is < 1.0 and > 0.1);
        Assert.Equal(0.1, schedule.RateAt(99), 9);
    }

    [Fact]
    public void Out_of_range_options_are_refused_before_any_compute()
    {
        Assert.Throws<ArgumentException>(() => new TrainingOptions { LearningRate = -1 }.Validate());
        Assert.Throws<ArgumentException>(() => new TrainingOptions { BatchSize = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new TrainingOptions { CheckpointEvery = 10 }.Validate());
    }
}

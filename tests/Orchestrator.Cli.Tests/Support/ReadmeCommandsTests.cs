namespace Orchestrator.Cli.Tests.Support;

public sealed class ReadmeCommandsTests
{
    [Fact]
    public void Words_are_split_as_a_shell_splits_them()
    {
        var words = ReadmeCommands.Words("run x.yaml -i 'trial={\"rounds\": 2}' --reason \"a b\"  -i k=v");

        Assert.Equal(["run", "x.yaml", "-i", "trial={\"rounds\": 2}", "--reason", "a b", "-i", "k=v"], words);
    }

    [Fact]
    public void The_block_under_the_heading_gives_its_commands_with_continuations_joined_and_comments_skipped()
    {
        using var temp = new TempFolder();
        var readme = temp.Write("README.md", """
            # X
            ```sh
            not this one
            ```
            ## The two commands
            ```sh
            # the main job
            dotnet run --project a -- run w.yaml \
              -i a=1 --seed 3

            # the tests
            ./test.sh
            ```
            """);

        var commands = ReadmeCommands.Commands(readme);

        Assert.Equal(2, commands.Count);
        Assert.Equal(["dotnet", "run", "--project", "a", "--", "run", "w.yaml", "-i", "a=1", "--seed", "3"], commands[0]);
        Assert.Equal(["./test.sh"], commands[1]);
    }
}

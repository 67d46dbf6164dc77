using FluentValidation;
using Orchestrator.Core.Definitions;

namespace Orchestrator.Plugins.Sample.Append;

public sealed class AppendOptionsValidator : AbstractValidator<AppendOptions>
{
    public AppendOptionsValidator()
    {
        RuleFor(o => o.File).NotEmpty().WithMessage("file must name the file to append to");
        RuleFor(o => o.Work).Must(w => Duration.TryParse(w, out _)).WithMessage(o => $"'{o.Work}' is not a duration; {Duration.Hint}");
    }
}

using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Orchestrator.Core.Engine;

namespace Orchestrator.Server.Runs;

/// <summary>
/// A run document with its brief journal written straight to the response: the same fields as
/// <see cref="RunDocuments.StepBrief"/> gives, without building a JSON tree for each of thousands of steps first.
/// </summary>
public sealed class BriefJournalResult(RunRecord run, IReadOnlyList<StepRecord> steps) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        json.WriteStartObject();
        foreach (var (name, value) in RunDocuments.Run(run))
        {
            json.WritePropertyName(name);
            if (value is null) json.WriteNullValue();
            else value.WriteTo(json);
        }
        json.WriteStartArray("steps");
        foreach (var step in steps) Write(json, step);
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(httpContext.RequestAborted);
    }

    private static void Write(Utf8JsonWriter json, StepRecord step)
    {
        json.WriteStartObject();
        json.WriteString("key", step.Key);
        json.WriteString("id", step.StepId);
        json.WriteString("pointer", step.Pointer);
        json.WriteString("kind", step.Kind);
        json.WriteString("status", RunDocuments.Name(step.Status));
        json.WriteNumber("attempts", step.Attempts);
        Time(json, "startedAt", step.FirstStartedAt);
        Time(json, "endedAt", step.EndedAt);
        json.WritePropertyName("error");
        if (RunDocuments.Error(step.Error) is { } error) error.WriteTo(json);
        else json.WriteNullValue();
        json.WriteEndObject();
    }

    private static void Time(Utf8JsonWriter json, string name, DateTimeOffset? time)
    {
        if (time is { } t) json.WriteString(name, t);
        else json.WriteNull(name);
    }
}

using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrator.Core.Definitions;

namespace Orchestrator.Core.Activities;

/// <summary>Reads declared inputs and outputs off options and output classes.</summary>
internal static class ActivityFields
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
    };

    public static IReadOnlyList<ActivityField> Inputs(Type optionsType)
    {
        var defaults = Activator.CreateInstance(optionsType);
        return optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<InputAttribute>() is not null)
            .Select(p =>
            {
                var input = p.GetCustomAttribute<InputAttribute>()!;
                var value = p.GetValue(defaults);
                var defaultValue = input.Required || value is null ? null : JsonSerializer.SerializeToNode(value, p.PropertyType, Json);
                return new ActivityField(NameOf(p), TypeOf(p.PropertyType), input.Required, defaultValue, input.Description);
            })
            .ToList();
    }

    /// <summary>The inputs whose properties are reference types declared never null (value types refuse null by themselves).</summary>
    public static IReadOnlySet<string> NotNullable(Type optionsType)
    {
        var nullability = new NullabilityInfoContext();
        return optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<InputAttribute>() is not null && !p.PropertyType.IsValueType && p.PropertyType != typeof(JsonNode) && p.PropertyType != typeof(object))
            .Where(p => nullability.Create(p).WriteState == NullabilityState.NotNull)
            .Select(NameOf)
            .ToHashSet(StringComparer.Ordinal);
    }

    public static IReadOnlyList<ActivityField> Outputs(Type outputType) =>
        outputType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<OutputAttribute>() is not null)
            .Select(p => new ActivityField(NameOf(p), TypeOf(p.PropertyType), false, null, p.GetCustomAttribute<OutputAttribute>()!.Description))
            .ToList();

    public static string NameOf(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    public static InputType TypeOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return InputType.String;
        if (type == typeof(bool)) return InputType.Bool;
        if (type == typeof(int) || type == typeof(long) || type == typeof(short)) return InputType.Int;
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return InputType.Number;
        if (type == typeof(JsonObject) || typeof(IDictionary).IsAssignableFrom(type) || IsGenericDictionary(type)) return InputType.Object;
        if (type == typeof(JsonArray) || (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(JsonNode))) return InputType.List;
        return type == typeof(JsonNode) || type == typeof(object) ? InputType.Any : InputType.Object;
    }

    private static bool IsGenericDictionary(Type type) =>
        type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));
}

namespace Orchestrator.Core.Access;

/// <summary>What a key may do. Roles nest: an operator may do all a viewer may, an admin all an operator may.</summary>
public enum ApiKeyRole
{
    /// <summary>Reads: runs, journals, definitions, models, schedules, artifacts.</summary>
    Viewer = 1,

    /// <summary>Also starts, cancels and resumes runs, and schedules them.</summary>
    Operator = 2,

    /// <summary>Also publishes and rolls back definitions, promotes models and manages keys.</summary>
    Admin = 3,
}

public static class ApiKeyRoles
{
    /// <summary>True when <paramref name="role"/> includes everything <paramref name="required"/> may do.</summary>
    public static bool Allows(this ApiKeyRole role, ApiKeyRole required) => role >= required;

    public static string Name(this ApiKeyRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out ApiKeyRole role)
    {
        role = default;
        return text is "viewer" or "operator" or "admin" && Enum.TryParse(text, ignoreCase: true, out role);
    }
}

using Orchestrator.Storage.Postgres;

namespace Orchestrator.Storage.Tests.Postgres;

public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void A_url_becomes_host_port_user_password_and_database()
    {
        var builder = PostgresConnectionString.Parse("postgres://orchestrator:s3cret@db.example:6543/runs");

        Assert.Equal("db.example", builder.Host);
        Assert.Equal(6543, builder.Port);
        Assert.Equal("orchestrator", builder.Username);
        Assert.Equal("s3cret", builder.Password);
        Assert.Equal("runs", builder.Database);
    }

    [Fact]
    public void The_postgresql_scheme_is_accepted_and_the_port_defaults_to_5432()
    {
        var builder = PostgresConnectionString.Parse("postgresql://me@localhost/orchestrator");

        Assert.Equal(5432, builder.Port);
        Assert.Equal("me", builder.Username);
        Assert.Null(builder.Password);
    }

    [Fact]
    public void Percent_encoded_parts_are_decoded_and_an_unencoded_at_sign_belongs_to_the_password()
    {
        var builder = PostgresConnectionString.Parse("postgres://us%40er:p@ss%2Fw%3Ard@host/my%20db");

        Assert.Equal("us@er", builder.Username);
        Assert.Equal("p@ss/w:rd", builder.Password);
        Assert.Equal("host", builder.Host);
        Assert.Equal("my db", builder.Database);
    }

    [Fact]
    public void An_ipv6_host_in_brackets_keeps_its_colons()
    {
        var builder = PostgresConnectionString.Parse("postgres://me@[::1]:5433/db");

        Assert.Equal("::1", builder.Host);
        Assert.Equal(5433, builder.Port);
    }

    [Fact]
    public void Libpq_query_parameters_map_to_npgsql_keywords()
    {
        var builder = PostgresConnectionString.Parse("postgres://me@host/db?sslmode=require&application_name=orchestrator&connect_timeout=7");

        Assert.Equal(Npgsql.SslMode.Require, builder.SslMode);
        Assert.Equal("orchestrator", builder.ApplicationName);
        Assert.Equal(7, builder.Timeout);
    }

    [Fact]
    public void A_connection_string_is_taken_as_it_is()
    {
        var builder = PostgresConnectionString.Parse("Host=h;Port=7000;Database=d;Username=u;Password=p");

        Assert.Equal(("h", 7000, "d", "u", "p"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
    }

    [Theory]
    [InlineData("postgres://me@host:notaport/db")]
    [InlineData("postgres://me@host:70000/db")]
    [InlineData("postgres://me@[::1/db")]
    [InlineData("postgres://me@host/db?novalue")]
    [InlineData("")]
    public void A_malformed_url_is_an_argument_error(string text)
    {
        Assert.ThrowsAny<ArgumentException>(() => PostgresConnectionString.Parse(text));
    }

    [Fact]
    public void Describe_shows_where_the_store_is_and_hides_the_password()
    {
        var described = PostgresConnectionString.Describe(PostgresConnectionString.Parse("Host=db.example;Port=6543;Database=runs;Username=orchestrator;Password=s3cret"));

        Assert.Equal("postgresql://orchestrator:***@db.example:6543/runs", described);
    }

    [Fact]
    public void Describe_without_a_password_shows_no_mask()
    {
        Assert.Equal("postgresql://me@localhost:5432/db", PostgresConnectionString.Describe(PostgresConnectionString.Parse("postgres://me@localhost/db")));
    }
}

namespace Bozhou.Hotline.UnitTests.Data;

public class PostgresDumpTests
{
    [Fact]
    public void The_pg_dump_line_names_host_port_user_and_database_and_never_the_password()
    {
        var line = PostgresDump.DumpCommand("Host=db.bozhou.gov.cn;Port=5433;Database=hotline;Username=hotline_app;Password=s3cret!", "/var/backups/hotline.dump");

        Assert.Equal("pg_dump --format=custom --host=db.bozhou.gov.cn --port=5433 --username=hotline_app --dbname=hotline --file=/var/backups/hotline.dump", line);
    }

    [Fact]
    public void The_connection_strings_other_key_names_are_read_and_odd_values_quoted_for_the_shell()
    {
        var line = PostgresDump.RestoreCommand("Server=localhost;User Id=o'brien;DB=hot line;Password=x", "backup 1.dump");

        Assert.Equal("pg_restore --clean --if-exists --no-owner --host=localhost --username='o'\\''brien' --dbname='hot line' 'backup 1.dump'", line);
        Assert.DoesNotContain("Password", line, StringComparison.OrdinalIgnoreCase);
    }
}

"""Environment variables the application reads (a light module: safe to import at start-up)."""

DATABASE_ENV_VAR = "UTQ_DATABASE_URL"  # the database when --database is not given
USER_ENV_VAR = "UTQ_USER"  # who is recorded in the audit trail, instead of the OS login
# Where a server database keeps attachments: a folder every user reaches. Unset, they are
# kept in the database itself. (An SQLite file keeps them in a folder beside itself.)
FILE_STORE_ENV_VAR = "UTQ_FILE_STORE"

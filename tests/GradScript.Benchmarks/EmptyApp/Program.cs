// The smallest .NET console app: the floor under any command-line tool's start-up time.
return 0;

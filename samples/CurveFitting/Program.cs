// Usage: dotnet run --project samples/CurveFitting [MODEL.grad]
CurveFitting.CurveFitter.Run(args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "model.grad"), Console.Out);

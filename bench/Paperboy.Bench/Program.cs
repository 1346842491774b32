Console.Error.WriteLine("usage: Paperboy.Bench corpus --papers N --out FILE");
return 2;

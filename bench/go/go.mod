module orasbench/goref

go 1.19

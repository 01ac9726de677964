package service

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/un-liaison/liaison/platform/config"
	"github.com/un-liaison/liaison/platform/logging"
	"github.com/un-liaison/liaison/platform/sqldb"
)

// Main is the whole main function of a service binary:
//
//	func main() { service.Main(registry.Spec) }
//
// It reads the configuration from the environment, prints it with secrets
// masked, and runs the service until SIGINT or SIGTERM (a second signal
// kills the process at once). "<binary> migrate" applies the service's
// migrations and exits, for deployments that migrate before rolling out.
// Any failure exits with status 1.
func Main(spec Spec) {
	name := "liaison-" + spec.Name
	cfg, err := config.Load[config.Common]()
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(1)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // from here on, a second signal ends the process
	}()
	logger := logging.New(os.Stderr, name, cfg.LogLevel, cfg.LogFormat)

	switch args := os.Args[1:]; {
	case len(args) == 0:
		LogConfig(ctx, logger, cfg)
		err = Run(ctx, spec, cfg, nil, nil)
	case len(args) == 1 && args[0] == "migrate":
		err = Migrate(ctx, spec, cfg, logger)
	default:
		err = fmt.Errorf("unknown arguments %q; usage: %s [migrate]", args, os.Args[0])
	}
	stop()
	if err != nil {
		logger.Error("exiting", slog.String("error", err.Error()))
		os.Exit(1)
	}
}

// Migrate applies the service's pending migrations and closes the database.
func Migrate(ctx context.Context, spec Spec, cfg config.Common, logger *slog.Logger) error {
	if spec.Migrations == nil {
		logger.InfoContext(ctx, "no database to migrate")
		return nil
	}
	db, err := sqldb.Open(ctx, sqldb.Options{
		Service:     spec.Name,
		DataDir:     cfg.DataDir,
		DatabaseURL: cfg.DatabaseURL,
		Migrations:  spec.Migrations,
		Logger:      logger,
	})
	if err != nil {
		return err
	}
	logger.InfoContext(ctx, "migrations up to date", slog.String("dialect", db.Dialect().String()))
	return db.Close()
}

// LogConfig prints a configuration struct as one log line, secrets masked,
// so an operator can see what a process runs with.
func LogConfig(ctx context.Context, logger *slog.Logger, cfg any) {
	fields := config.Fields(cfg)
	attrs := make([]any, 0, len(fields))
	for _, f := range fields {
		attrs = append(attrs, slog.String(f.Name, f.Value))
	}
	logger.InfoContext(ctx, "configuration", slog.Group("config", attrs...))
}

// Command idplogin is the sign-in and consent app in front of the OpenID provider (Ory Hydra)
// for local, compose and test stacks: people sign in as one of the users declared in a file,
// and their tokens carry those users' roles and organization. Given a file of client
// registrations, it also keeps the provider holding them. See internal/idplogin.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/un-liaison/liaison/internal/idplogin"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:4446", "where to listen; Hydra's urls.login, urls.consent and urls.logout point here")
	admin := flag.String("admin", "http://127.0.0.1:4445", "Hydra's admin API")
	users := flag.String("users", "deploy/identity/users.json", "the users who may sign in (JSON)")
	clients := flag.String("clients", "", "client registrations (JSON) to keep at the provider; none if empty")
	flag.Parse()
	if err := run(*addr, *admin, *users, *clients); err != nil {
		fmt.Fprintln(os.Stderr, "idplogin:", err)
		os.Exit(1)
	}
}

func run(addr, admin, usersFile, clientsFile string) error {
	users, err := idplogin.LoadUsers(usersFile)
	if err != nil {
		return err
	}
	app := idplogin.New(admin, users)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if clientsFile != "" {
		clients, err := idplogin.LoadClients(clientsFile)
		if err != nil {
			return err
		}
		go keepClients(ctx, app, clients)
	}
	srv := &http.Server{Addr: addr, Handler: app.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	fmt.Fprintf(os.Stderr, "idplogin: %d users, listening on %s\n", len(users), addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// keepClients registers the clients as soon as the provider answers and again every minute: a
// provider that keeps its store in memory (the compose and dev cluster stacks) forgets them
// when it restarts, and the stack should heal without anyone running a command.
func keepClients(ctx context.Context, app *idplogin.App, clients []idplogin.Client) {
	wait, healthy := time.Second, false
	for {
		err := app.EnsureClients(ctx, clients)
		switch {
		case err != nil:
			if healthy {
				wait = time.Second
			}
			healthy = false
			slog.Warn("idplogin: registering clients at the provider failed; retrying", "err", err, "in", wait)
		case !healthy:
			slog.Info("idplogin: the provider holds the clients", "clients", len(clients))
			healthy, wait = true, time.Minute
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		if !healthy && wait < 30*time.Second {
			wait *= 2
		}
	}
}

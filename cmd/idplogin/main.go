// Command idplogin is the sign-in and consent app in front of the OpenID provider (Ory Hydra)
// for local, compose and test stacks: people sign in as one of the users declared in a file,
// and their tokens carry those users' roles and organization. See internal/idplogin.
package main

import (
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/un-liaison/liaison/internal/idplogin"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:4446", "where to listen; Hydra's urls.login, urls.consent and urls.logout point here")
	admin := flag.String("admin", "http://127.0.0.1:4445", "Hydra's admin API")
	users := flag.String("users", "deploy/identity/users.json", "the users who may sign in (JSON)")
	flag.Parse()
	if err := run(*addr, *admin, *users); err != nil {
		fmt.Fprintln(os.Stderr, "idplogin:", err)
		os.Exit(1)
	}
}

func run(addr, admin, usersFile string) error {
	users, err := idplogin.LoadUsers(usersFile)
	if err != nil {
		return err
	}
	srv := &http.Server{Addr: addr, Handler: idplogin.New(admin, users).Handler(), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(os.Stderr, "idplogin: %d users, listening on %s\n", len(users), addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Command kube-apiserver runs etcd and kube-apiserver in one process on loopback, for eksid's
// e2e suites (e2e/support/kube-apiserver.ts): the API server signs service-account tokens as an
// eksid cluster's issuer, with that cluster's key, exactly as deploy/kind/cluster.yaml sets up a
// kind cluster. It writes a kubeconfig (static admin token) and prints one line when /readyz is ok:
//
//	kube-apiserver ready at https://127.0.0.1:PORT kubeconfig PATH
//
// Arguments after `--` go to kube-apiserver as they are, after the ones set here.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

// apiserverRun is kube-apiserver's command running in a goroutine: done closes when it returns.
type apiserverRun struct {
	done chan struct{}
	err  error
}

// errUsage is a missing required flag: exit 2, as for a flag the flag package cannot parse.
var errUsage = errors.New("--issuer, --key-dir and --kubeconfig are required")

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "kube-apiserver: %v\n", err)
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func run() error {
	issuer := flag.String("issuer", "", "service-account issuer URL: the eksid cluster's OIDC issuer (required)")
	keyDir := flag.String("key-dir", "", "directory `eksid keys export` filled with sa.key and sa.pub (required)")
	kubeconfig := flag.String("kubeconfig", "", "where to write the admin kubeconfig (required)")
	port := flag.Int("port", 0, "secure port on 127.0.0.1 (0: a free one)")
	dataDir := flag.String("data-dir", "", "directory for etcd's data and the generated certificates (default: a temporary one, removed at exit)")
	flag.Parse()
	if *issuer == "" || *keyDir == "" || *kubeconfig == "" {
		flag.Usage()
		return errUsage
	}

	go stopWithParent()

	dir := *dataDir
	if dir == "" {
		tmp, err := os.MkdirTemp("", "eksid-kube-apiserver-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	}
	if *port == 0 {
		p, err := freePort()
		if err != nil {
			return err
		}
		*port = p
	}

	etcd, etcdURL, err := startEtcd(dir)
	if err != nil {
		return err
	}
	defer etcd.Close()

	token, err := writeTokenFile(filepath.Join(dir, "tokens.csv"))
	if err != nil {
		return err
	}
	certDir := filepath.Join(dir, "certs")
	args := append(apiserverArgs(*issuer, *keyDir, etcdURL, certDir, filepath.Join(dir, "tokens.csv"), *port), flag.Args()...)

	// NewAPIServerCommand ends the server on SIGTERM/SIGINT (and exits at once on a second one).
	cmd := app.NewAPIServerCommand()
	cmd.SetArgs(args)
	server := &apiserverRun{done: make(chan struct{})}
	go func() {
		server.err = cmd.Execute()
		close(server.done)
	}()

	if err := waitFile(filepath.Join(certDir, "apiserver.crt"), server); err != nil {
		return err
	}
	url := fmt.Sprintf("https://127.0.0.1:%d", *port)
	if err := writeKubeconfig(*kubeconfig, url, filepath.Join(certDir, "apiserver.crt"), token); err != nil {
		return err
	}
	if err := waitReady(context.Background(), *kubeconfig, server); err != nil {
		return err
	}
	fmt.Printf("kube-apiserver ready at %s kubeconfig %s\n", url, *kubeconfig)
	<-server.done
	return server.err
}

// apiserverArgs are kube-apiserver's flags. The service-account ones are deploy/kind/cluster.yaml's
// kubeadm patch, word for word; the rest fit one loopback process with no other control plane.
func apiserverArgs(issuer, keyDir, etcdURL, certDir, tokenFile string, port int) []string {
	return []string{
		"--service-account-issuer=" + issuer,
		"--service-account-signing-key-file=" + filepath.Join(keyDir, "sa.key"),
		"--service-account-key-file=" + filepath.Join(keyDir, "sa.pub"),
		"--api-audiences=" + strings.Join([]string{issuer, "sts.amazonaws.com", "pods.eks.amazonaws.com"}, ","),

		"--etcd-servers=" + etcdURL,
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		fmt.Sprintf("--secure-port=%d", port),
		// No key pair given: kube-apiserver generates a self-signed one here (127.0.0.1 included).
		"--cert-dir=" + certDir,
		"--token-auth-file=" + tokenFile,
		"--authorization-mode=RBAC",
		// On top of the default set, which already has ServiceAccount, MutatingAdmissionWebhook,
		// ValidatingAdmissionWebhook, NamespaceLifecycle, ResourceQuota and the others kubeadm
		// relies on; NodeRestriction is what kubeadm (so kind) adds.
		"--enable-admission-plugins=NamespaceLifecycle,ServiceAccount,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,NodeRestriction",
		"--service-cluster-ip-range=10.96.0.0/16",
		// The `kubernetes` Service's endpoints would be 127.0.0.1, which Endpoints may not hold;
		// nothing here reaches the API through that Service.
		"--endpoint-reconciler-type=none",
		"--profiling=false",
	}
}

// writeTokenFile writes --token-auth-file with one random token for an admin user
// (group system:masters, as kubeadm's admin.conf) and returns the token.
func writeTokenFile(path string) (string, error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	token := hex.EncodeToString(raw)
	line := fmt.Sprintf("%s,eksid-admin,eksid-admin,\"system:masters\"\n", token)
	return token, os.WriteFile(path, []byte(line), 0o600)
}

// stopWithParent ends this process the way SIGTERM does once whatever started it is gone (a
// test runner killed outright cannot stop it), so no API server outlives its test run.
func stopWithParent() {
	parent := os.Getppid()
	for range time.Tick(time.Second) {
		if os.Getppid() != parent {
			_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
			return
		}
	}
}

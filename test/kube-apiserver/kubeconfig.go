package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	clientcmdapi "k8s.io/client-go/tools/clientcmd/api"
)

// writeKubeconfig writes a kubeconfig for the static admin token, trusting the CA of the
// self-signed serving certificate kube-apiserver generated in its --cert-dir. The file holds
// the serving certificate followed by its CA; both are fine as trust anchors.
func writeKubeconfig(path, server, caFile, token string) error {
	ca, err := os.ReadFile(caFile)
	if err != nil {
		return err
	}
	cfg := clientcmdapi.NewConfig()
	cfg.Clusters["eksid-kube"] = &clientcmdapi.Cluster{Server: server, CertificateAuthorityData: ca}
	cfg.AuthInfos["eksid-admin"] = &clientcmdapi.AuthInfo{Token: token}
	cfg.Contexts["eksid-kube"] = &clientcmdapi.Context{Cluster: "eksid-kube", AuthInfo: "eksid-admin"}
	cfg.CurrentContext = "eksid-kube"
	return clientcmd.WriteToFile(*cfg, path)
}

// waitReady polls /readyz through the kubeconfig just written (so the file itself is proven)
// until it answers ok, the server stops, or the deadline passes.
func waitReady(ctx context.Context, kubeconfig string, run *apiserverRun) error {
	restConfig, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return err
	}
	client, err := kubernetes.NewForConfig(restConfig)
	if err != nil {
		return err
	}
	deadline := time.Now().Add(120 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		select {
		case <-run.done:
			return fmt.Errorf("kube-apiserver stopped before it was ready: %v", run.err)
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		body, err := client.Discovery().RESTClient().Get().AbsPath("/readyz").DoRaw(ctx)
		if err == nil && string(body) == "ok" {
			return nil
		}
		last = err
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("/readyz not ok within 120 s: %v", last)
}

// waitFile waits until kube-apiserver has written path (its generated serving certificate).
func waitFile(path string, run *apiserverRun) error {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if info, err := os.Stat(path); err == nil && info.Size() > 0 {
			return nil
		}
		select {
		case <-run.done:
			return fmt.Errorf("kube-apiserver stopped before it wrote %s: %v", path, run.err)
		case <-time.After(50 * time.Millisecond):
		}
	}
	return fmt.Errorf("kube-apiserver wrote no %s within 60 s", path)
}

// Command sitrep turns news reports of violent incidents into sourced incident records.
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

func main() {
	if err := newRootCmd().Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "sitrep:", err)
		os.Exit(1)
	}
}

// newRootCmd wires every subcommand explicitly, so the code shows what runs.
func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "sitrep",
		Short:         "Turn news reports of violent incidents into sourced incident records",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	// Subcommands are added here, one line each.
	root.AddCommand(newReadCmd())
	root.AddCommand(newTrainCmd())
	root.AddCommand(newEvalCmd())
	root.AddCommand(newIngestCmd())
	root.AddCommand(newIncidentsCmd())
	root.AddCommand(newShowCmd())
	root.AddCommand(newExportCmd())
	root.AddCommand(newRefuseCmd())
	return root
}

package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sitrep/sitrep/internal/muc4"
)

// newTrainCmd builds `sitrep train`, which learns embedded models from training data.
func newTrainCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Learn sitrep's embedded models from training data",
	}
	cmd.AddCommand(newTrainMUC4Cmd())
	return cmd
}

func newTrainMUC4Cmd() *cobra.Command {
	var data, out string
	var folds int
	var holdout string
	var seed uint64
	cmd := &cobra.Command{
		Use:   "muc4",
		Short: "Learn the MUC-4 extractor from the 1,300 dev documents (never tst1/tst2)",
		Long: `Learn the MUC-4 extractor (lexicons, document and candidate models, thresholds) from
docs-dev.jsonl, keys-dev.jsonl and roles-dev.jsonl in --data, tuning thresholds by
cross-validation over dev, and write model.json.gz and header.json into --out.
Regenerate the embedded data with:

  sitrep train muc4 --data ../shared/data/muc4 --out internal/muc4/data

To judge a change to training itself (folds, priors, a stage's options), where
cross-validated figures of the two versions are not comparable, train with --holdout on
both versions and compare the held-out figures, over both blocks and a few seeds:

  sitrep train muc4 --holdout first:260 --seed 2 --out /tmp/m`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := muc4.Train(muc4.TrainOptions{
				DataDir: data, Folds: folds, Seed: seed, Log: cmd.ErrOrStderr(), HoldOut: holdout,
				Command: strings.Join(append([]string{"sitrep"}, os.Args[1:]...), " ") +
					fmt.Sprintf(" (folds %d, seed %d)", folds, seed),
			})
			if err != nil {
				return err
			}
			if err := muc4.WriteModel(m, out); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %s\n", strings.TrimSuffix(out, string(os.PathSeparator)))
			return nil
		},
	}
	cmd.Flags().StringVar(&data, "data", "../shared/data/muc4", "directory of the MUC-4 corpus")
	cmd.Flags().StringVar(&out, "out", "internal/muc4/data", "output directory of the learned data")
	cmd.Flags().IntVar(&folds, "folds", muc4.DefaultFolds, "cross-validation folds over dev")
	cmd.Flags().Uint64Var(&seed, "seed", 1, "random seed")
	cmd.Flags().StringVar(&holdout, "holdout", "", "leave dev documents out and score the model on them: first:N or last:N (for measuring a training change; do not ship the model)")
	return cmd
}

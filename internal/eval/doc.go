// Package eval scores sitrep's extraction against gold annotations, so that quality is a
// number that tests and CI can hold.
//
// Three scorers live here:
//
//   - ScoreRoles: the MUC-4 role-filler metric CEAF-REE (Du, Rush & Cardie, EACL 2021),
//     strict and proportional, per role and micro-averaged, exactly as
//     ../shared/data/muc4/README.md defines it. TemplatesToRoles turns answer-key shaped
//     templates into the role entities it scores.
//   - ScoreKeys: sitrep's own secondary metric against the full MUC-4 answer keys:
//     template and relevant-document detection, and the accuracy of incident type, stage,
//     date, location and perpetrator-organisation confidence on matched templates.
//   - ScoreIncidents: modern-news incident scoring against the analyst gold described in
//     ../shared/data/wikievents/GOLD_SCHEMA.md.
//
// Every scorer keeps counts (numerators and denominators) and divides only at the end, so
// results over several files or splits can be summed with Add.
package eval

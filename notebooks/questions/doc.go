// Package questions owns the question blocks of a page and the answers the room gives them:
// parsing and checking a ```question block, computing its truth from a dataset with the
// chart language, checking a resident's answer, tallying a round's answers, and keeping
// rounds and answers in SQLite.
//
// Invariants:
//   - The chart language has one parser: a question's `answer:` is handed to charts.Parse
//     and charts.Build, with its lines kept, so that a mistake there is reported on its line.
//   - A question is closed → open → revealed → closed. Each opening is a round with its date;
//     a reset round keeps its answers in the history but is never counted again.
//   - One answer per participant per round: answering again while open replaces it. A
//     participant is a random id from a cookie; no name, no address is stored.
//   - Results (distribution, truth) leave the server only once the round is revealed, or for
//     a facilitator.
//   - Answers are data: text from residents is kept as given and is never markup; whoever
//     shows it escapes it.
package questions

// kanten sanction FILE: the answer to a sanction question.
#include <memory>

#include "cli.hpp"

namespace cli {

void add_sanction(CLI::App& app) {
  struct Options {
    std::string file;
    CommonFlags flags;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "sanction",
      "answer a sanction question\n"
      "\n"
      "Answers the sanction question in FILE: {\"case\": {...}, \"failure_id\": \"F1\", \"as_of\": \"DATE\",\n"
      "\"daily_rate\": 49100}. The case is evaluated as of \"as_of\"; the answer is for the failure named\n"
      "by \"failure_id\", or for the latest failure when none is named: eligible, not_eligible or\n"
      "undecided, with every reason, what must happen first, and the sources.");
  add_file(*cmd, o->file, "the sanction question");
  add_compact(*cmd, o->flags);
  cmd->callback([o] {
    const auto q = k::sanction_question_from_json(read_input(o->file), read_options);
    report_warnings(q.warnings);
    report_warnings(q.case_data.warnings);
    const k::Evaluation e = k::evaluate(q);
    write_out(k::to_json(e, k::pick_sanction_answer(e, q.failure_id), o->flags.indent()));
  });
}

}  // namespace cli

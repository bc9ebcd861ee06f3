// The model compiled into the binary. Apart from name_model.cpp so that tools/train_name_model,
// which makes the model, can be built without it.
#include <stdexcept>

#include "analysis/name_model.hpp"

namespace ctguard {

// data/name_model.txt as text (name_model_data.cpp.in, filled in at configure time).
extern const char kNameModelText[];

const NameModel& NameModel::builtin() {
    static const NameModel model = [] {
        auto m = parse(kNameModelText);
        // The text is checked by the build's tests; a broken one is a build defect, not user input.
        if (!m) throw std::runtime_error("built-in name model: " + m.error().why);
        return std::move(*m);
    }();
    return model;
}

}  // namespace ctguard

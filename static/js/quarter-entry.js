// The quarter entry form (/outcomes/enter/): as a numerator and denominator are typed, say what value
// they make (46 of 71 is 64.8%) in the row's live region, and put it in the value field while that field
// is empty or still holds the value worked out before. The server works the value out the same way
// (outcomes.services.worked_out_value) and refuses a typed value that disagrees, so without this script
// nothing is lost. Loaded as a module from a file: the Content-Security-Policy allows no inline script.

const WHOLE = /^\d+$/;

function count(input) {
  const text = input.value.replace(/[,\s]/g, "");
  return WHOLE.test(text) ? Number(text) : null;
}

function workedOut(multiplier, numerator, denominator) {
  if (numerator === null || denominator === null || denominator <= 0 || numerator > denominator) {
    return null;
  }
  // One decimal place, as the server rounds it.
  return (Math.round((multiplier * numerator * 10) / denominator) / 10).toFixed(1).replace(/\.0$/, "");
}

function inUnit(value, unit) {
  if (unit === "percentage") {
    return `${value}%`;
  }
  return `${value} per 10,000`;
}

function enhance(row) {
  const multiplier = Number(row.dataset.multiplier);
  const unit = row.dataset.unit;
  const field = (part) => row.querySelector(`input[name$="-${part}"]`);
  const value = field("value");
  const numerator = field("numerator");
  const denominator = field("denominator");
  const output = row.querySelector("[data-app-worked-out]");
  if (!value || !numerator || !denominator || !output) {
    return;
  }
  let lastWorkedOut = workedOut(multiplier, count(numerator), count(denominator));

  const update = () => {
    const top = count(numerator);
    const bottom = count(denominator);
    const result = workedOut(multiplier, top, bottom);
    if (result === null) {
      output.textContent = "";
      return;
    }
    const tracking = value.value.trim() === "" || (lastWorkedOut !== null && Number(value.value) === Number(lastWorkedOut));
    output.textContent = `${top.toLocaleString("en-GB")} of ${bottom.toLocaleString("en-GB")} is ${inUnit(result, unit)}.`;
    if (tracking) {
      value.value = result;
      output.textContent += " The value has been filled in.";
    }
    lastWorkedOut = result;
  };
  numerator.addEventListener("input", update);
  denominator.addEventListener("input", update);
}

document.querySelectorAll(".app-entry__numbers[data-multiplier]").forEach(enhance);

"""The fixed wording of the printables, shared by the PDF templates and the Word workbook.

The two declarations are the OCR Evidence Record Sheet's own words; the rest is guidance
written for this project and holds no fact about any qualification.
"""

from __future__ import annotations

CANDIDATE_DECLARATION = "I confirm that the evidence provided is a result of my own work."
ASSESSOR_DECLARATION = (
    "I confirm that the candidate has demonstrated competence by satisfying all of the criteria for this unit."
)

GRADED_ASSESSOR_DECLARATION = (
    "I confirm that the candidate's evidence has been assessed against all of the criteria for this unit, "
    "and that it reaches the grade recorded here."
)

HOW_TO_USE: tuple[str, ...] = (
    "Fill in your details on the first page.",
    "Each assessment criterion has its own section. Write your response in the box below the criterion, "
    "or say where your evidence for it can be found.",
    "Give each piece of evidence a reference, such as E1, E2, E3, and write the references that support "
    "a criterion in its evidence reference field. The same piece of evidence may support several criteria.",
    "You can type into this workbook in a PDF reader or in the Word version and save it, or print it and "
    "write by hand.",
    "Your assessor records whether each criterion is met or not yet met, gives feedback and dates it.",
    "When the workbook is complete, you and your assessor sign the declaration of authenticity at the end. "
    "Your centre's internal quality assurer may sample the workbook and complete the sampling box.",
)

#: Steps added to :data:`HOW_TO_USE` (before the declaration step) for units of each shape.
GRADED_STEP = (
    "This unit is graded. Respond to each Pass, Merit and Distinction criterion you are aiming for: the work "
    "reaches Pass when every Pass criterion is met, Merit when every Pass and Merit criterion is met, and "
    "Distinction when every criterion is met."
)
DESCRIPTORS_STEP = (
    "This unit is graded against grade descriptors. When every criterion is met, your assessor grades each "
    "component listed under Grading and records the grade awarded."
)
RESULT_STEP = (
    "A learning outcome assessed by an examination, test or assignment has no response boxes: your assessor "
    "records its result."
)
PARTS_STEP = "A criterion with lettered parts, such as a) and b), has a response box for each part."

DESCRIPTORS_INTRO = "When every criterion is met, your work is graded against these grade descriptors and components:"
GRADING_INTRO = (
    "To be completed by the assessor when every criterion is met: the grade reached in each component of the "
    "grade descriptors the unit is graded against."
)


def result_note(method: str) -> str:
    """What the workbook says of an outcome assessed by ``method`` ('examination', 'test' ...)."""
    return (
        f"This learning outcome is assessed by {method}, not by a portfolio of evidence. Its assessment "
        "criteria are listed for reference; your assessor records the result."
    )


#: Assessment methods offered in the tracker and named on the record sheet when a unit
#: lists none of its own; a project replaces them with the plugin's
#: ``printables.default_assessment_methods`` option.
DEFAULT_ASSESSMENT_METHODS: tuple[str, ...] = (
    "Observation",
    "Witness testimony",
    "Product evidence",
    "Professional discussion",
    "Questioning",
    "Reflective account",
    "Case study",
)

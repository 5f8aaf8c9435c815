"""The handover page's form: for each part a former agency still holds, the agency that takes it over."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from ptds.forms import style_fields

KEEP = ""  # the choice that leaves a part where it is, for now


class HandoverForm(forms.Form):
    move_accounts = forms.BooleanField(
        label=gettext_lazy("Chuyển tài khoản cán bộ của cơ quan cũ sang cơ quan nhận"),
        required=False,
        initial=True,
        help_text=gettext_lazy("Chỉ với cơ quan cũ mà mọi phần việc được chọn đều chuyển về cùng một cơ quan."),
    )

    def __init__(self, *args, reorganisation, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = proposals
        successors = list(reorganisation.successors.all())
        former = {p.former.pk for p in proposals}
        others = (
            Agency.objects.current(reorganisation.effective_on).exclude(pk__in=former).exclude(kind=Agency.Kind.GROUP)
        )
        self.agencies = {agency.pk: agency for agency in [*successors, *others]}
        choices = [(KEEP, _("Chưa chuyển (giữ nguyên)"))]
        if successors:
            choices.append((_("Cơ quan kế thừa"), [(a.pk, a.name) for a in successors]))
        choices.append((_("Cơ quan khác"), [(a.pk, a.name) for a in others if a not in successors]))
        for proposal in proposals:
            self.fields[proposal.key] = forms.TypedChoiceField(
                label=_("Cơ quan nhận thay %(agency)s") % {"agency": proposal.former.name},
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=proposal.proposed.pk if proposal.proposed else KEEP,
            )
        style_fields(self)
        self.fields["move_accounts"].widget.attrs["class"] = "form-check-input"

    def rows(self):
        """(proposal, its bound field) in the page's order."""
        return [(proposal, self[proposal.key]) for proposal in self.proposals]

    def chosen(self):
        """[(proposal, successor)] for the parts given a successor."""
        return [
            (proposal, self.agencies[self.cleaned_data[proposal.key]])
            for proposal in self.proposals
            if self.cleaned_data.get(proposal.key)
        ]

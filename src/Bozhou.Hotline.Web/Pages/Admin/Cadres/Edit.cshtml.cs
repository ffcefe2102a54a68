using Bozhou.Hotline.Core.Accounts;
using Bozhou.Hotline.Core.Calendar;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Directory;
using Bozhou.Hotline.Web.Admin;
using Bozhou.Hotline.Web.Http;
using Bozhou.Hotline.Web.Workspace;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bozhou.Hotline.Web.Pages.Admin.Cadres;

/// <summary>Creates or corrects a cadre record, moves the cadre to another post, or ends the post.</summary>
public class EditModel(
    HotlineDbContext db,
    AdminChanges changes,
    TimeProvider time,
    IValidator<CadreInput> cadreValidator,
    IValidator<PostChangeInput> moveValidator,
    IStringLocalizer<AdminResource> a) : PageModel
{
    [BindProperty]
    public CadreInput Input { get; set; } = new();

    [BindProperty]
    public PostChangeInput Move { get; set; } = new();

    public Cadre? Cadre { get; private set; }

    public CadreChoices Choices { get; private set; } = new();

    public bool CanChangePost => Cadre is { } c && PostChange.CanChange(c, Today);

    private DateOnly Today => ChinaTime.DateOf(time.GetUtcNow());

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Cadre is { } c)
        {
            Input = CadreInput.From(c);
            Move = new PostChangeInput { DepartmentId = c.DepartmentId, SubordinatesFollow = true };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var validation = cadreValidator.Validate(Input);
        ModelState.Clear();
        if (!validation.IsValid)
        {
            ModelState.AddErrors(validation, nameof(Input));
            return Page();
        }

        if (!await IsOpenDepartmentAsync(Input.DepartmentId, cancellationToken))
        {
            ModelState.AddModelError("Input.DepartmentId", a["Cadre.DepartmentUnknown"]);
            return Page();
        }

        if (await CadreChoices.SuperiorProblemAsync(db, Cadre, Input.SuperiorId, Today, a, cancellationToken) is { } superiorProblem)
        {
            ModelState.AddModelError("Input.SuperiorId", superiorProblem);
            return Page();
        }

        if (!Input.TopicIds.All(Choices.ActiveTopicIds.Contains))
        {
            ModelState.AddModelError("Input.TopicIds", a["Cadre.TopicUnknown"]);
            return Page();
        }

        var cadre = Cadre ?? new Cadre { PostStart = Today };
        var before = CadreInput.From(cadre).Fields();
        Input.ApplyTo(cadre, Choices.ActiveTopicIds);
        if (Cadre is null)
        {
            db.Cadres.Add(cadre);
            changes.Record(User, () => $"Cadre:{cadre.Id}", null, CadreInput.From(cadre).Fields(), "created");
        }
        else if (AdminChanges.Diff(before, CadreInput.From(cadre).Fields()) is var (old, now))
        {
            changes.Record(User, () => $"Cadre:{cadre.Id}", old, now, "edited");
        }

        await changes.SaveAsync(cancellationToken);
        this.Flash(a["Cadre.Saved", cadre.Name]);
        return RedirectToPage("/Admin/Cadres/Edit", new { id = cadre.Id });
    }

    public async Task<IActionResult> OnPostChangePostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Cadre is not { } current)
        {
            return NotFound();
        }

        var validation = moveValidator.Validate(Move);
        ModelState.Clear();
        Input = CadreInput.From(current);
        if (!validation.IsValid)
        {
            ModelState.AddErrors(validation, nameof(Move));
            return Page();
        }

        if (!CanChangePost || !await IsOpenDepartmentAsync(Move.DepartmentId, cancellationToken))
        {
            ModelState.AddModelError("Move.DepartmentId", a[CanChangePost ? "Cadre.DepartmentUnknown" : "Cadre.CannotChangePost"]);
            return Page();
        }

        var next = PostChange.Apply(current, Move.DepartmentId!.Value, Move.Position!, Move.PositionEn ?? "", Today);
        db.Cadres.Add(next);
        // The person keeps their account and their staff: both follow the cadre to the new post. Appeals stay with
        // the old post (logged and handled there); its staff keep their delegation and the account keeps the old
        // post too, so that the matters still open there are answered or passed on, not left with no one.
        foreach (var account in await db.Users.Where(u => u.CadreId == current.Id).ToListAsync(cancellationToken))
        {
            account.CadreId = null;
            changes.AfterFirstSave(() => account.CadreId = next.Id);
            if (!await db.CadreDelegations.AnyAsync(d => d.StaffUserId == account.Id && d.CadreId == current.Id, cancellationToken))
            {
                db.CadreDelegations.Add(new CadreDelegation { StaffUserId = account.Id, CadreId = current.Id, GrantedAt = time.GetUtcNow() });
                changes.Record(User, () => $"User:{account.Id}", null, new { KeptCadreId = current.Id }, "earlier post kept");
            }
        }

        foreach (var staffId in await db.CadreDelegations.Where(d => d.CadreId == current.Id).Select(d => d.StaffUserId).ToListAsync(cancellationToken))
        {
            changes.AfterFirstSave(() => db.CadreDelegations.Add(new CadreDelegation { StaffUserId = staffId, CadreId = next.Id, GrantedAt = time.GetUtcNow() }));
        }

        if (Move.SubordinatesFollow)
        {
            foreach (var subordinate in await db.Cadres.Where(c => c.SuperiorId == current.Id && (c.PostEnd == null || c.PostEnd >= Today)).ToListAsync(cancellationToken))
            {
                changes.AfterFirstSave(() =>
                {
                    subordinate.SuperiorId = next.Id;
                    changes.Record(User, () => $"Cadre:{subordinate.Id}", new { SuperiorId = current.Id }, new { SuperiorId = next.Id }, "superior followed a change of post");
                });
            }
        }

        changes.Record(User, () => $"Cadre:{current.Id}", new { PostEnd = (DateOnly?)null }, new { current.PostEnd }, "post ended by a change of post");
        changes.Record(User, () => $"Cadre:{next.Id}", null, new
        {
            next.DepartmentId, next.Position, next.PostStart, Previous = current.Id, next.SuperiorId, TopicIds = string.Join(',', next.Topics.Select(t => t.TopicId).Order()),
        }, "new post");
        await changes.SaveAsync(cancellationToken);
        this.Flash(a["Cadre.PostChanged", current.Name, next.Position]);
        return RedirectToPage("/Admin/Cadres/Edit", new { id = next.Id });
    }

    public async Task<IActionResult> OnPostEndAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken) || Cadre is not { } cadre)
        {
            return NotFound();
        }

        if (cadre.PostEnd is not null)
        {
            return RedirectToPage("/Admin/Cadres/Edit", new { id });
        }

        cadre.PostEnd = cadre.PostStart < Today ? Today.AddDays(-1) : cadre.PostStart;
        changes.Record(User, () => $"Cadre:{cadre.Id}", new { PostEnd = (DateOnly?)null }, new { cadre.PostEnd }, "post ended");
        await changes.SaveAsync(cancellationToken);
        this.Flash(a["Cadre.Ended", cadre.Name]);
        return RedirectToPage("/Admin/Cadres/Index");
    }

    private async Task<bool> LoadAsync(int? id, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            Cadre = await db.Cadres.Include(c => c.Department).Include(c => c.Topics).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (Cadre is null)
            {
                return false;
            }
        }

        Choices = await CadreChoices.LoadAsync(db, Cadre, Today, a, cancellationToken);
        return true;
    }

    private Task<bool> IsOpenDepartmentAsync(int? departmentId, CancellationToken cancellationToken) =>
        db.Departments.AnyAsync(d => d.Id == departmentId && d.EndedOn == null, cancellationToken);
}

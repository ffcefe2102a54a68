namespace Bozhou.Hotline.Web.Pages.Admin.Cadres;

/// <summary>Creates or corrects a cadre record, moves the cadre to another post, or ends the post.</summary>
public class EditModel(
    HotlineDbContext db,
    AdminChanges changes,
    CadrePosts posts,
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
            Move = new PostChangeInput { DepartmentId = c.DepartmentId, SubordinatesFollow = PostChange.SubordinatesFollowByDefault(c, c.DepartmentId) };
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

        var cadre = Cadre ?? db.Cadres.Add(new Cadre { PostStart = Today }).Entity;
        Input.ApplyTo(cadre, Choices.ActiveTopicIds);
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

        var change = await posts.ChangeAsync(current, Move.DepartmentId!.Value, Move.Position!, Move.PositionEn ?? "", Move.SubordinatesFollow, cancellationToken);
        var next = change.Next;
        var notice = a["Cadre.PostChanged", current.Name, next.Position].Value;
        this.Flash(change.CarriedDuties ? notice : notice + a["Cadre.DutiesCleared"].Value);
        return RedirectToPage("/Admin/Cadres/Edit", new { id = next.Id });
    }

    /// <summary>Ends nothing: shows the confirmation (<see cref="EndModel"/>), whose own POST ends the post.</summary>
    public IActionResult OnPostEnd(int id) => RedirectToPage("/Admin/Cadres/End", new { id });

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

using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Bozhou.Hotline.Web.Pages;

public class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
